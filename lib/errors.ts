/** Expected failures carry a code the UI and API map to a message and a status; anything else is a bug. */
export type AppErrorCode = 'NOT_FOUND' | 'INVALID_INPUT' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'CONFLICT' | 'INSUFFICIENT_DATA';

const STATUS: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INSUFFICIENT_DATA: 422,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: unknown;
  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status() {
    return STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
