// Package invoicing bills an order, written in JSONata mode with workflow
// variables: it loads the customer once into $customer, prices every line
// in a Map, keeps the subtotal in $subtotal, asks for approval above a
// limit, and issues the invoice from the variables rather than from data
// threaded through every state's output.
package invoicing
