import * as echarts from 'echarts';
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
};

let registered = false;

/** Registers the map named 'world' with ECharts (idempotent). */
export function registerWorldMap(): void {
  if (registered) return;
  const topology = countries as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const geo = feature(topology, topology.objects.countries);
  echarts.registerMap('world', geo as unknown as Parameters<typeof echarts.registerMap>[1]);
  registered = true;
}

/** The Natural Earth name of a country given its customs-table English name. */
export const mapName = (nameEn: string | null | undefined): string | undefined =>
  nameEn ? (ALIASES[nameEn] ?? nameEn) : undefined;
