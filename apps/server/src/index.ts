export { buildApp, VERSION, type AppOptions } from './app.ts';
export { loadConfig, type ServerConfig } from './config.ts';
