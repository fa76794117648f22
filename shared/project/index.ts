export * from './schema';
export * from './projectFile';
export * from './jsonLimits';
