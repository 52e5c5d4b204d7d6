export * from './chatStarterError';
export * from './userErrors';
export * from './faults';
export * from './limitErrors';
export * from './configError';
