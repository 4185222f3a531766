// Contracts of the ledgers (台账) generated from the records. Issue 6.
export {};
