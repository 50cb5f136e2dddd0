import { foundation } from './001_foundation.js';
import { leads } from './002_leads.js';
import { automationsMemberships } from './003_automations_memberships.js';
import { domains } from './004_domains.js';
import { commerce } from './005_commerce.js';
import { kartraApi } from './006_kartra_api.js';
import { importSpeed } from './007_import_speed.js';
import type { PortableMigration } from './helpers.js';

/**
 * Every migration, in order. Golden path: add `NNN_name.ts` exporting a PortableMigration and
 * list it here; never edit one that has shipped.
 */
export const migrations: Record<string, PortableMigration> = {
  '001_foundation': foundation,
  '002_leads': leads,
  '003_automations_memberships': automationsMemberships,
  '004_domains': domains,
  '005_commerce': commerce,
  '006_kartra_api': kartraApi,
  '007_import_speed': importSpeed,
};
