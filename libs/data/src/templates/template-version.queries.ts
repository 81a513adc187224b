/**
 * Template versions (docs/product.md, "Templates"): every save is a new version holding the
 * template's locale variants; a published journey version pins the versions it renders. A
 * version marked `shipped` is a snapshot of the shipped files taken at publish; a template with
 * no other version is still "not saved" (the files are what it is).
 */
import type { Channel } from '@waypoint/journey';
import type { Query } from '../database';
import { prepared } from '../prepared-statements';

export interface TemplateVersionRow {
  channel: Channel;
  name: string;
  version: number;
  variants: Record<string, string>;
  created_at: Date;
  created_by: string | null;
  shipped: boolean;
}

const COLUMNS = `v.channel, v.name, v.version, v.variants, v.created_at, v.created_by, v.shipped`;

export async function findTemplateVersion(
  query: Query,
  channel: Channel,
  name: string,
  version: number,
): Promise<TemplateVersionRow | null> {
  const [row] = await query(
    `SELECT ${COLUMNS} FROM template_versions v WHERE v.channel = $1 AND v.name = $2 AND v.version = $3`,
    [channel, name, version],
  );
  return (row as unknown as TemplateVersionRow | undefined) ?? null;
}

/** The newest version; `savedOnly` leaves out snapshots of the shipped files. */
export async function findLatestTemplateVersion(
  query: Query,
  channel: Channel,
  name: string,
  options: { savedOnly?: boolean } = {},
): Promise<TemplateVersionRow | null> {
  const [row] = await query(
    `SELECT ${COLUMNS} FROM template_versions v
      WHERE v.channel = $1 AND v.name = $2 AND ($3::boolean IS NOT TRUE OR NOT v.shipped)
      ORDER BY v.version DESC LIMIT 1`,
    [channel, name, options.savedOnly ?? false],
  );
  return (row as unknown as TemplateVersionRow | undefined) ?? null;
}

export interface TemplateVersionSummaryRow {
  version: number;
  created_at: Date;
  created_by: string | null;
  shipped: boolean;
  locales: string[];
}

/** Newest first. */
export async function listTemplateVersions(
  query: Query,
  channel: Channel,
  name: string,
  limit = 200,
): Promise<TemplateVersionSummaryRow[]> {
  return (await query(
    `SELECT v.version, v.created_at, v.created_by, v.shipped,
            ARRAY(SELECT k FROM jsonb_object_keys(v.variants) k ORDER BY k) AS locales
       FROM template_versions v WHERE v.channel = $1 AND v.name = $2
      ORDER BY v.version DESC LIMIT $3`,
    [channel, name, limit],
  )) as unknown as TemplateVersionSummaryRow[];
}

export interface SavedTemplateHeadRow {
  channel: Channel;
  name: string;
  version: number;
  created_at: Date;
  locales: string[];
}

/** The latest version a person saved of every template that has one. */
export async function listSavedTemplateHeads(query: Query): Promise<SavedTemplateHeadRow[]> {
  return (await query(
    `SELECT DISTINCT ON (v.channel, v.name) v.channel, v.name, v.version, v.created_at,
            ARRAY(SELECT k FROM jsonb_object_keys(v.variants) k ORDER BY k) AS locales
       FROM template_versions v WHERE NOT v.shipped
      ORDER BY v.channel, v.name, v.version DESC`,
    [],
  )) as unknown as SavedTemplateHeadRow[];
}

/**
 * Holds the template's advisory lock until the transaction ends: a save that reads the latest
 * variants and writes the next version takes it first, so two saves never build on the same one.
 */
export async function lockTemplate(query: Query, channel: Channel, name: string): Promise<void> {
  await query(`SELECT pg_advisory_xact_lock(hashtext('template_versions/' || $1 || '/' || $2))`, [
    channel,
    name,
  ]);
}

/**
 * Adds the next version of a template. Call it inside a transaction: the template's advisory lock
 * keeps two saves from taking the same number.
 */
export async function insertTemplateVersion(
  query: Query,
  input: {
    channel: Channel;
    name: string;
    variants: Record<string, string>;
    createdBy: string | null;
    shipped?: boolean;
  },
): Promise<TemplateVersionRow> {
  await lockTemplate(query, input.channel, input.name);
  const [row] = await query(
    `INSERT INTO template_versions AS v (channel, name, version, variants, created_by, shipped)
     SELECT $1, $2, COALESCE(MAX(t.version), 0) + 1, $3, $4, $5
       FROM template_versions t WHERE t.channel = $1 AND t.name = $2
     RETURNING ${COLUMNS}`,
    [input.channel, input.name, JSON.stringify(input.variants), input.createdBy, input.shipped ?? false],
  );
  return row as unknown as TemplateVersionRow;
}

export interface TemplatePin {
  channel: Channel;
  name: string;
  version: number;
}

/** Records the template versions a journey version renders (once, at publish). */
export async function pinTemplateVersions(
  query: Query,
  journeyId: string,
  journeyVersion: number,
  pins: TemplatePin[],
): Promise<void> {
  if (pins.length === 0) return;
  await query(
    `INSERT INTO journey_version_templates (journey_id, journey_version, channel, name, template_version)
     SELECT $1, $2, p.channel, p.name, p.version
       FROM jsonb_to_recordset($3::jsonb) AS p(channel text, name text, version int)`,
    [journeyId, journeyVersion, JSON.stringify(pins)],
  );
}

/**
 * The versions a run renders of a template and of the layouts: what its journey version pinned of
 * the template `name` and of every layout of the channel (publish pins only the layouts its
 * templates name), in one statement, so a send reads its template and its layout together. None
 * for a journey version published before pinning.
 */
export async function findPinnedTemplateVersions(
  query: Query,
  runId: string,
  channel: Channel,
  name: string,
): Promise<TemplateVersionRow[]> {
  return (await query(
    prepared(
      'templates.pinned_for_run',
      `SELECT ${COLUMNS}
       FROM runs r
       JOIN journey_version_templates p
         ON p.journey_id = r.journey_id AND p.journey_version = r.journey_version
        AND p.channel = $2 AND (p.name = $3 OR p.name LIKE 'layouts/%')
       JOIN template_versions v ON v.channel = p.channel AND v.name = p.name AND v.version = p.template_version
      WHERE r.id = $1`,
    ),
    [runId, channel, name],
  )) as unknown as TemplateVersionRow[];
}

export interface TemplateUseRow {
  channel: Channel;
  name: string;
  journey_id: string;
  journey_name: string;
  journey_version: number;
  journey_status: string;
  template_version: number;
}

/** For each journey, the template versions its current published version renders (one template, or all). */
export async function listTemplateUses(
  query: Query,
  only?: { channel: Channel; name: string },
): Promise<TemplateUseRow[]> {
  return (await query(
    `SELECT p.channel, p.name, j.id AS journey_id, j.name AS journey_name, p.journey_version,
            j.status AS journey_status, p.template_version
       FROM journey_version_templates p
       JOIN journeys j ON j.id = p.journey_id AND j.published_version = p.journey_version
      WHERE ($1::text IS NULL OR (p.channel = $1 AND p.name = $2))
      ORDER BY j.name, j.id`,
    [only?.channel ?? null, only?.name ?? null],
  )) as unknown as TemplateUseRow[];
}

/** As `findPinnedTemplateVersions`, for a journey version (its preview) rather than a run. */
export async function findVersionPinnedTemplates(
  query: Query,
  journeyId: string,
  journeyVersion: number,
  channel: Channel,
  name: string,
): Promise<TemplateVersionRow[]> {
  return (await query(
    `SELECT ${COLUMNS}
       FROM journey_version_templates p
       JOIN template_versions v ON v.channel = p.channel AND v.name = p.name AND v.version = p.template_version
      WHERE p.journey_id = $1 AND p.journey_version = $2 AND p.channel = $3
        AND (p.name = $4 OR p.name LIKE 'layouts/%')`,
    [journeyId, journeyVersion, channel, name],
  )) as unknown as TemplateVersionRow[];
}
