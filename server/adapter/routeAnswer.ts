/** The answer of a route: an HTTP status and a JSON body. */
export interface RouteAnswer {
  status: number;
  body: unknown;
}
