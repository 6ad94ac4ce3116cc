import { describe, expect, it } from 'vitest';
import { getMap } from 'echarts';
import { centreOf, mapName, registerWorldMap } from '../src/components/world-map.ts';

type Ring = number[][];
interface Feature {
  properties: { name: string };
  geometry: { type: string; coordinates: Ring[][] };
}

/** The world map of the dashboard (decision 0036): no ring jumps the antimeridian, Russia is there. */
describe('world map', () => {
  registerWorldMap();
  const geo = getMap('world') as unknown as { geoJSON: { features: Feature[] } };
  const features = geo.geoJSON.features;
  const named = (name: string) => features.find((f) => f.properties.name === name);

  it('draws no line across the map: no ring steps more than 180° of longitude', () => {
    const jumps: string[] = [];
    for (const f of features)
      for (const polygon of f.geometry.coordinates)
        for (const ring of polygon)
          for (let i = 1; i < ring.length; i++)
            if (Math.abs((ring[i]?.[0] ?? 0) - (ring[i - 1]?.[0] ?? 0)) > 180)
              jumps.push(`${f.properties.name} #${i}`);
    expect(jumps).toEqual([]);
  });

  it('keeps Russia and Fiji within ±180°, and leaves Antarctica out', () => {
    for (const name of ['Russia', 'Fiji']) {
      const f = named(name);
      expect(f, name).toBeDefined();
      const lons = f!.geometry.coordinates.flat(2).map((p) => p[0] ?? 0);
      expect(Math.min(...lons)).toBeGreaterThanOrEqual(-180);
      expect(Math.max(...lons)).toBeLessThanOrEqual(180);
    }
    // Russia's mainland ring has hundreds of points (it was not dropped or cut to a sliver).
    const russia = named('Russia')!.geometry.coordinates.map((p) => p[0]?.length ?? 0);
    expect(Math.max(...russia)).toBeGreaterThan(300);
    expect(named('Antarctica')).toBeUndefined();
    expect(features.length).toBe(176);
  });

  it('places the flow lines at the mainland centre of a country', () => {
    const russia = centreOf('Russia');
    expect(russia?.[0]).toBeGreaterThan(60);
    expect(russia?.[0]).toBeLessThan(120);
    expect(russia?.[1]).toBeGreaterThan(50);
    expect(russia?.[1]).toBeLessThan(70);
    // France: the European mainland, not French Guiana.
    const france = centreOf('France');
    expect(france?.[0]).toBeGreaterThan(-5);
    expect(france?.[0]).toBeLessThan(8);
    expect(france?.[1]).toBeGreaterThan(42);
    const usa = centreOf(mapName('United States') ?? '');
    expect(usa?.[0]).toBeGreaterThan(-110);
    expect(usa?.[0]).toBeLessThan(-90);
    expect(mapName('Byelorussia')).toBe('Belarus');
  });
});
