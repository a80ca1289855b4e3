// Package fulfilment is an order-fulfilment workflow that uses every state
// type and declares its payloads as Go types: it reserves stock, waits for a
// restock when needed, packs each line item in a Map, charges the customer
// and books the shipment in parallel.
package fulfilment
