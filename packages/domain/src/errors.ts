/**
 * A rule refused an action. `code` is stable for clients and tests,
 * `message` is the Chinese sentence shown to the user, `field` names the
 * input field at fault when there is one.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly field?: string,
    public readonly status: number = 422,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export interface ApiErrorBody {
  error: string;
  message: string;
  fields?: { field: string; message: string }[];
}
