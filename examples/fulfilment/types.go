package fulfilment

// Order is the execution input.
type Order struct {
	OrderID  string     `json:"orderId"`
	Customer Customer   `json:"customer"`
	Items    []LineItem `json:"items"`
	Express  bool       `json:"express"`
}

// Customer places orders.
type Customer struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// LineItem is one product line of an order.
type LineItem struct {
	SKU      string  `json:"sku"`
	Quantity int     `json:"quantity"`
	Price    float64 `json:"price"`
}

// Reservation is what ReserveInventory returns.
type Reservation struct {
	Available   bool `json:"available"`
	RestockDays int  `json:"restockDays"`
}

// PackRequest is the input of PackItem, one per line item.
type PackRequest struct {
	OrderID string   `json:"orderId"`
	Index   int      `json:"index"`
	Item    LineItem `json:"item"`
}

// Parcel is what PackItem returns.
type Parcel struct {
	ParcelID string  `json:"parcelId"`
	WeightKg float64 `json:"weightKg"`
}

// Charge is what ChargeCustomer returns.
type Charge struct {
	ChargeID string `json:"chargeId"`
}

// Shipment is what ScheduleShipment returns.
type Shipment struct {
	TrackingNumber string `json:"trackingNumber"`
}

// Result is the execution output.
type Result struct {
	OrderID string `json:"orderId"`
	Status  string `json:"status"`
}
