// Test double: a search worker that can never start (its index cannot be opened, say).
throw new Error("this search worker cannot start");
