import './zod-locale.js';

export * from './errors.js';
export * from './org/types.js';
export * from './org/hierarchy.js';
export * from './people/idcard.js';
export * from './people/password.js';
export * from './auth/roles.js';
export * from './rules/config.js';
export * as api from './api/index.js';
export * from './people/codes.js';
export * from './people/development.js';
export * from './people/membership.js';
export * from './cadres/index.js';
export * from './org-life/index.js';
export * from './stats/tables.js';
export * from './daily-work/index.js';
