/** An error the API reference documents, thrown by a handler and sent as the protocol's error body. */
export class AwsApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** ELBv2 error type: Sender (client fault) or Receiver (server fault). */
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

/** ECS InvalidParameterException: "The specified parameter isn't valid." */
export const invalidParameter = (message: string) => new AwsApiError('InvalidParameterException', message);
