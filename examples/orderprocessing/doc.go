// Package orderprocessing is the classic order-processing workflow: validate
// the order, charge the payment, ship it, and fail with
// Order.ProcessingError if any step fails.
package orderprocessing
