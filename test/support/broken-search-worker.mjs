// Test double: a search thread that can never start (its index cannot be opened, say).
throw new Error("this search thread cannot start");
