// Contracts of reports up the hierarchy (报送任务) and the reform assessment (改革考核). Issue 6.
export {};
