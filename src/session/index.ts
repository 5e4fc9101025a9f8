export * from './schema';
export { migrate } from './migrate';
export * from './codec';
