// A failed @googleapis/sheets call as plain data, so stand-in tests compare Google's status, message, body and headers.

export interface ClientFailure {
  status: unknown;
  message: unknown;
  body: unknown;
  /** A response header by its lower-case name (gaxios gives a Headers object or a plain record). */
  header(name: string): string | undefined;
}

export async function failure(promise: Promise<unknown>): Promise<ClientFailure> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status?: unknown; message?: unknown; response?: { data?: unknown; headers?: unknown } };
    const headers = e.response?.headers;
    return {
      status: e.status,
      message: e.message,
      body: e.response?.data,
      header: (name) => {
        // gaxios's Headers may come from another copy of undici than the global one: test the shape.
        const get = (headers as { get?: unknown } | undefined)?.get;
        if (typeof get === 'function') return (get.call(headers, name) as string | null) ?? undefined;
        const value = (headers as Record<string, unknown> | undefined)?.[name];
        return typeof value === 'string' ? value : undefined;
      },
    };
  }
  throw new Error('expected the call to fail');
}
