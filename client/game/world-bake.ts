/**
 * Natural Earth 110m countries (world-atlas) drawn once onto a 2D canvas with d3-geo, then handed
 * to Phaser as a texture (STACK.md Phaser trap 1: bake static geometry, never redraw per frame).
 */
import { geoEquirectangular, geoGraticule10, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { FeatureCollection } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';

let cached: FeatureCollection | null = null;

/** The country features (parsed once). */
export function countries(): FeatureCollection {
  if (!cached) {
    const topo = countries110m as unknown as Topology<{ countries: GeometryCollection }>;
    cached = feature(topo, topo.objects.countries) as unknown as FeatureCollection;
  }
  return cached;
}

/** The band of latitudes shown (Antarctica and the high Arctic are cut) and the map's centre longitude. */
const NORTH = 75;
const SOUTH = -56;
const CENTER_LON = 10;

/** The projection used by both the baked texture and the region markers. */
export function projectionFor(width: number, height: number): GeoProjection {
  const rad = Math.PI / 180;
  const scale = Math.min(width / (2 * Math.PI), height / ((NORTH - SOUTH) * rad));
  return geoEquirectangular()
    .rotate([-CENTER_LON, 0])
    .scale(scale)
    .translate([width / 2, height / 2 + scale * ((NORTH + SOUTH) / 2) * rad]);
}

/** Draws the world into a new canvas of the given size (device pixels). */
export function bakeWorld(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = Math.max(1, Math.round(height));
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const proj = projectionFor(canvas.width, canvas.height);
  const path = geoPath(proj, ctx);
  ctx.fillStyle = '#0b1622';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.beginPath();
  path(geoGraticule10());
  ctx.strokeStyle = 'rgba(120,160,200,0.08)';
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.beginPath();
  for (const f of countries().features) path(f);
  ctx.fillStyle = '#1c2d3f';
  ctx.fill();
  ctx.strokeStyle = '#2f4a66';
  ctx.lineWidth = 0.6;
  ctx.stroke();
  return canvas;
}
