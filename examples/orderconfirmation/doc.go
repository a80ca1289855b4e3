// Package orderconfirmation processes an order and emails a confirmation,
// retrying the email on task failures.
package orderconfirmation
