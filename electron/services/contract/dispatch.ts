import { type z } from 'zod';
import { methods, type ContractError, type Envelope, type MethodName, type ResultOf } from '../../../shared/contract.js';
import { ServiceError } from '../errors.js';

/** The Node side's implementation of every contract method, params already validated. */
export type Handlers = {
  [M in MethodName]: (params: z.output<(typeof methods)[M]['params']>) => Promise<ResultOf<M>>;
};

const isMethod = (name: string): name is MethodName => Object.hasOwn(methods, name);

/**
 * Validate, run, answer with the envelope. Params are checked against the contract here, at the
 * Node boundary, so a renderer bug or a hostile page gets a typed error and never a crash. Errors
 * that are not ServiceErrors are reported without their details (they may hold paths).
 */
export function createDispatch(handlers: Handlers, log: (error: unknown) => void = () => {}) {
  return async function dispatch(method: string, params: unknown): Promise<Envelope<unknown>> {
    if (!isMethod(method)) return failure({ code: 'UNKNOWN_METHOD', message: `Unknown method "${method.slice(0, 80)}".` });
    const parsed = methods[method].params.safeParse(params ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
      return failure({ code: 'BAD_PARAMS', message: `${method}: ${detail}` });
    }
    try {
      const handler = handlers[method] as (p: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ServiceError) {
        return failure({ code: error.code, message: error.message, ...(error.file ? { file: error.file } : {}) });
      }
      log(error);
      return failure({ code: 'INTERNAL', message: `${method} failed unexpectedly.` });
    }
  };
}

const failure = (error: ContractError): Envelope<never> => ({ ok: false, error });
