/**
 * The 公开募捐方案备案 process module: how long a campaign may run, the disclosures it owes (computed
 * when the plan is filed, so the 登记管理机关 sees them and the `disclosures` step starts one task per
 * disclosure), and the view of its documents. Every name it registers starts with `fundraising-filing.`.
 */
import type { JsonValue, ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';
import { disclosuresDue, durationWithinLimit } from './disclosureSchedule.js';

const section = (data: Record<string, JsonValue>, key: string): Record<string, JsonValue> => {
  const value = Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
};

/** The 公开募捐方案备案 process module. */
export const processModule: ProcessModule = {
  key: 'fundraising-filing',
  guards: {
    /** The campaign ends on or after its start, within 3 years (1 year when it answers an emergency). */
    'fundraising-filing.durationWithinLimit': ({ data, parameters }) => {
      const campaign = section(data, 'campaign');
      return durationWithinLimit(campaign.startDate, campaign.endDate, campaign.emergency === true, parameters);
    },
  },
  effects: {
    /** The disclosures the campaign owes, at `/obligations/items` (every 3 months when longer than 6 months; the full one 3 months after its end). */
    'fundraising-filing.disclosureSchedule': ({ data, parameters }) => {
      const campaign = section(data, 'campaign');
      const items = disclosuresDue(campaign.startDate, campaign.endDate, parameters) as unknown as JsonValue[];
      return { effects: [{ type: 'setData', path: '/obligations', value: { items } }] };
    },
  },
  documentView,
};
