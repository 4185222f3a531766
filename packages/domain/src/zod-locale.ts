import { z } from 'zod';

// Chinese messages for every zod validation, on the server and in the browser.
z.config(z.locales.zhCN());
