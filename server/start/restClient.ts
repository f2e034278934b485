/**
 * A minimal PocketBase REST client over `fetch`, used by the loader and the start script
 * (the web app and the tests use the official JS SDK).
 */

/** An error answer of the PocketBase API. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** A PocketBase record as returned by the REST API. */
export type RestRecord = Record<string, unknown> & { id: string };

/** A small authenticated REST client. */
export class RestClient {
  private token = '';

  constructor(readonly url: string) {}

  /** Signs in as a superuser. */
  async authSuperuser(email: string, password: string): Promise<void> {
    const res = await this.send<{ token: string }>('POST', '/api/collections/_superusers/auth-with-password', { identity: email, password });
    this.token = res.token;
  }

  /** Signs in as a user of the `users` collection. */
  async authUser(email: string, password: string): Promise<RestRecord> {
    const res = await this.send<{ token: string; record: RestRecord }>('POST', '/api/collections/users/auth-with-password', { identity: email, password });
    this.token = res.token;
    return res.record;
  }

  /**
   * A client acting as a user, by the superuser's impersonation (this client must be signed in as a
   * superuser): how the loader and tools act for demo officers, whose own sign-in needs a mailed code.
   */
  async impersonate(email: string, durationSeconds = 3600): Promise<RestClient> {
    const user = await this.findFirst('users', `email = ${JSON.stringify(email)}`);
    if (!user) throw new RestError(404, null, `no user ${email}`);
    const res = await this.send<{ token: string }>('POST', `/api/collections/users/impersonate/${user.id}`, { duration: durationSeconds });
    const client = new RestClient(this.url);
    client.token = res.token;
    return client;
  }

  /** The current auth token ('' when signed out). */
  get authToken(): string {
    return this.token;
  }

  /** Sends a JSON request and returns the parsed answer; throws {@link RestError} on a non-2xx status. */
  async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: this.token } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const message = (parsed as { message?: string } | null)?.message ?? res.statusText;
      throw new RestError(res.status, parsed, `${method} ${path} → ${res.status}: ${message}`);
    }
    return parsed as T;
  }

  /** The first record matching a filter, or undefined. */
  async findFirst(collection: string, filter: string): Promise<RestRecord | undefined> {
    const res = await this.send<{ items: RestRecord[] }>('GET', `/api/collections/${collection}/records?perPage=1&skipTotal=1&filter=${encodeURIComponent(filter)}`);
    return res.items[0];
  }

  /** Creates a record. */
  create(collection: string, data: Record<string, unknown>): Promise<RestRecord> {
    return this.send('POST', `/api/collections/${collection}/records`, data);
  }

  /** Updates a record. */
  update(collection: string, id: string, data: Record<string, unknown>): Promise<RestRecord> {
    return this.send('PATCH', `/api/collections/${collection}/records/${id}`, data);
  }
}
