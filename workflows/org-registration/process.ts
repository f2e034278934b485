/**
 * The 成立登记 process module: the conditions a 社会团体 or 民办非企业单位 must meet before it may
 * apply (members, name rules — 《社会团体登记管理条例》第10条, 《社会团体登记管理条例》name rules
 * of 《社会团体名称管理办法》), the registered organisation's facts on its subject when 准予登记,
 * and the view of its documents. Every name it registers starts with `org-registration.`.
 */
import type { JsonValue, ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';
import { memberProblem, nameProblem } from './registrationConditions.js';

const section = (data: Record<string, JsonValue>, key: string): Record<string, JsonValue> => {
  const value = data[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
};

/** The 成立登记 process module. */
export const processModule: ProcessModule = {
  key: 'org-registration',
  guards: {
    /** A 社会团体 has ≥ 50 individual or ≥ 30 unit members (条例第10条第1项); a 民办非企业单位 has no members. */
    'org-registration.membersSuffice': ({ data, parameters }) => memberProblem(data, parameters) === undefined,
    /** The name follows the name rules (本行政区划名称 first, the type's suffix, no 中国/全国/中华). */
    'org-registration.nameFollowsRules': ({ data, parameters }) => nameProblem(data, parameters) === undefined,
  },
  effects: {
    /** The register's facts of the organisation as applied for, set on its subject when 准予登记. */
    'org-registration.registerFacts': ({ data }) => {
      const org = section(data, 'organisation');
      const fact = (name: string, value: JsonValue | undefined) => ({ type: 'setSubjectFact' as const, fact: name, value: value ?? null });
      return {
        effects: [
          fact('orgType', org.orgType),
          fact('name', org.name),
          fact('category', org.category),
          fact('supervisorUnit', org.supervisorUnit ?? null),
          fact('legalRepresentative', org.legalRepresentative),
          fact('registeredCapital', org.registeredCapital),
          fact('address', org.address),
        ],
      };
    },
  },
  documentView,
};
