// The page runs under a CSP without 'unsafe-eval'. zod probes `new Function` when it builds the
// first object schema (the contract's, at import time), which the CSP reports as a violation even
// though zod catches it: switch the probe off before any schema exists. Imported first by main.tsx.
import { z } from 'zod';

z.config({ jitless: true });
