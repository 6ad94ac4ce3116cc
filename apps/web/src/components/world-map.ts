// The full build: its import installs the map and geo components that registerMap needs.
import { registerMap } from 'echarts';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json';

/**
 * The world map for the dashboard: Natural Earth 1:110m country outlines (the world-atlas package, ISC
 * licence, data public domain) registered with ECharts once. Our countries are JGS-20 codes with English
 * names from the customs code table; the few names that differ from Natural Earth's are mapped here.
 */
const ALIASES: Record<string, string> = {
  'United States': 'United States of America',
  'Korea Rep.': 'South Korea',
  'Korea,DPR': 'North Korea',
  'Laos,PDR': 'Laos',
  Syrian: 'Syria',
  'Czech Rep': 'Czechia',
  'Slovak Rep': 'Slovakia',
  'Macedonia Rep': 'Macedonia',
  Bosnia: 'Bosnia and Herz.',
  'Congo,DR': 'Dem. Rep. Congo',
  'Taiwan prov.': 'Taiwan',
  Russia: 'Russia',
  Byelorussia: 'Belarus',
  'S.Africa': 'South Africa',
  'Slovenia Rep': 'Slovenia',
  'Croatia Rep': 'Croatia',
  Moldavia: 'Moldova',
  Kirghizia: 'Kyrgyzstan',
  Tadzhikistan: 'Tajikistan',
  Uzbekstan: 'Uzbekistan',
  'Republic of Yemen': 'Yemen',
  'Dominican Rep.': 'Dominican Rep.',
  'Central African Rep.': 'Central African Rep.',
  'Eq.Guinea': 'Eq. Guinea',
  'Libyan Arab Jm': 'Libya',
  Angora: 'Angola',
  "Cote d'lvoir": "Côte d'Ivoire",
  'East Timor': 'Timor-Leste',
  Swaziland: 'eSwatini',
  'Solomon Is': 'Solomon Is.',
  'Guinea Bissau': 'Guinea-Bissau',
  'Trinidad & Tobago': 'Trinidad and Tobago',
  'Western Sahara': 'W. Sahara',
};

type Ring = number[][];
interface Geometry {
  type: string;
  coordinates: Ring[] | Ring[][];
}
interface Feature {
  properties: { name: string };
  geometry: Geometry | null;
}

/**
 * Natural Earth cuts the countries that cross the antimeridian at ±180°, but a ring may still run on past it:
 * Russia's mainland ring goes east to 180° and carries on from -180° through Chukotka, Fiji and Wrangel Island
 * likewise. ECharts draws each jump as a line across the whole map and fills the wrong side of it. A ring
 * keeps to the side most of its points lie on: the few points on the far side (beyond ±90°) are laid on the
 * antimeridian (Chukotka's tip, a sliver, folds onto it).
 */
function oneSide(ring: Ring): Ring {
  const west = ring.filter((p) => (p[0] ?? 0) < 0).length > ring.length / 2;
  return ring.map(([lon = 0, lat = 0]) => {
    if (west && lon > 90) return [-180, lat];
    if (!west && lon < -90) return [180, lat];
    return [lon, lat];
  });
}

const polygonsOf = (g: Geometry | null): Ring[][] =>
  !g ? [] : g.type === 'Polygon' ? [g.coordinates as Ring[]] : (g.coordinates as Ring[][]);

/** The planar centroid (lon/lat) of a ring, and its area (square degrees), by the shoelace formula. */
function centroid(ring: Ring): { at: [number, number]; area: number } {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0 = 0, y0 = 0] = ring[i] ?? [];
    const [x1 = 0, y1 = 0] = ring[i + 1] ?? [];
    const c = x0 * y1 - x1 * y0;
    a += c;
    x += (x0 + x1) * c;
    y += (y0 + y1) * c;
  }
  if (a === 0) return { at: [ring[0]?.[0] ?? 0, ring[0]?.[1] ?? 0], area: 0 };
  return { at: [x / (3 * a), y / (3 * a)], area: Math.abs(a / 2) };
}

let registered = false;
const centres = new Map<string, [number, number]>();

/**
 * Registers the map named 'world' with ECharts (idempotent): every country but Antarctica (no trade, and
 * a third of the height), the antimeridian rings mended; remembers each country's centre (that of its
 * largest polygon: mainland France, not French Guiana) for the flow lines.
 */
export function registerWorldMap(): void {
  if (registered) return;
  const topology = countries as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const geo = feature(topology, topology.objects.countries) as unknown as { features: Feature[] };
  const features = geo.features
    .filter((f) => f.properties.name !== 'Antarctica' && f.geometry)
    .map((f) => {
      const polygons = polygonsOf(f.geometry).map((polygon) => polygon.map(oneSide));
      const largest = polygons.map((p) => centroid(p[0] ?? [])).sort((a, b) => b.area - a.area)[0];
      if (largest) centres.set(f.properties.name, largest.at);
      return {
        ...f,
        geometry: { type: 'MultiPolygon', coordinates: polygons },
      };
    });
  registerMap('world', { type: 'FeatureCollection', features } as unknown as Parameters<
    typeof registerMap
  >[1]);
  registered = true;
}

/** The Natural Earth name of a country given its customs-table English name. */
export const mapName = (nameEn: string | null | undefined): string | undefined =>
  nameEn ? (ALIASES[nameEn] ?? nameEn) : undefined;

/** Where a flow line starts or ends for a country (its Natural Earth name); after registerWorldMap. */
export const centreOf = (region: string): [number, number] | undefined => centres.get(region);
