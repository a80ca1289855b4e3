// Package ecommerce verifies a payment, updates the inventory and notifies the
// customer, failing with a distinct Fail state for each business error.
package ecommerce
