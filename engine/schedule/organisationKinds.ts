/**
 * The kinds of social organisation a subject of kind `organisation` is registered as (its
 * `org_kind`), by the registration regulations: 社会团体, 民办非企业单位 (now also called
 * 社会服务机构) and 基金会. A schedule that names another kind would match no one, silently.
 */
export const organisationKinds: readonly string[] = ['社会团体', '民办非企业单位', '社会服务机构', '基金会'];
