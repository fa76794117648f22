export * from './schema';
export * from './projectFile';
