import type { RecordModel } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { resolvePage } from '../../../web/src/app/router.js';
import { sessionOf } from '../../../web/src/session/session.js';

const user = (role: string) => ({ id: 'u1', collectionId: 'users', collectionName: 'users', role }) as RecordModel;
const signedOut = { session: sessionOf(null) };
const applicant = { session: sessionOf(user('applicant')) };
const officer = { session: sessionOf(user('officer')) };
const admin = { session: sessionOf(user('admin')) };

describe('the route table', () => {
  it('sends a signed-out visitor of any page to sign in', () => {
    expect(resolvePage('/', signedOut)).toEqual({ page: 'sign-in', path: '/sign-in' });
    expect(resolvePage('/cases/abc123', signedOut)).toEqual({ page: 'sign-in', path: '/sign-in' });
    expect(resolvePage('/work/tasks', signedOut)).toEqual({ page: 'sign-in', path: '/sign-in' });
  });

  it('sends each kind of user home from the root and from the sign-in page', () => {
    expect(resolvePage('/', applicant)).toEqual({ page: 'my-cases', path: '/my/cases' });
    expect(resolvePage('/sign-in', officer)).toEqual({ page: 'work-queue', path: '/work/tasks' });
  });

  it('opens a case page by its real URL for applicants and officers alike', () => {
    expect(resolvePage('/cases/r0abc', applicant)).toEqual({ page: 'case', params: { id: 'r0abc' }, path: '/cases/r0abc' });
    expect(resolvePage('/cases/r0abc', officer)).toEqual({ page: 'case', params: { id: 'r0abc' }, path: '/cases/r0abc' });
  });

  it('keeps each role on its own pages: an applicant asking for the work queue gets their own list', () => {
    expect(resolvePage('/work/tasks', applicant)).toEqual({ page: 'my-cases', path: '/my/cases' });
    expect(resolvePage('/my/cases', officer)).toEqual({ page: 'work-queue', path: '/work/tasks' });
  });

  it('gives officers the 代办 filing and 公示 list pages and the form of a case they file; an applicant asking for them goes home', () => {
    expect(resolvePage('/work/file', officer)).toEqual({ page: 'proxy-filing', path: '/work/file' });
    expect(resolvePage('/work/public-notices', officer)).toEqual({ page: 'public-notices', path: '/work/public-notices' });
    expect(resolvePage('/apply/r0abc', officer)).toEqual({ page: 'apply', params: { id: 'r0abc' }, path: '/apply/r0abc' });
    expect(resolvePage('/work/file', applicant)).toEqual({ page: 'my-cases', path: '/my/cases' });
    expect(resolvePage('/work/public-notices', applicant)).toEqual({ page: 'my-cases', path: '/my/cases' });
  });

  it('answers an unknown address with the not-found page, not a redirect', () => {
    expect(resolvePage('/no/such/page', officer)).toEqual({ page: 'not-found', path: '/no/such/page' });
    expect(resolvePage('/constructor', signedOut)).toEqual({ page: 'not-found', path: '/constructor' });
  });

  it('opens the studio to administrators only, its root at the people page', () => {
    expect(resolvePage('/studio', admin)).toEqual({ page: 'studio-people', path: '/studio/people' });
    expect(resolvePage('/studio/org', admin)).toEqual({ page: 'studio-org', path: '/studio/org' });
    expect(resolvePage('/studio/relatives', admin)).toEqual({ page: 'studio-relatives', path: '/studio/relatives' });
    expect(resolvePage('/studio/dashboard', admin)).toEqual({ page: 'studio-dashboard', path: '/studio/dashboard' });
    expect(resolvePage('/studio/calendar', admin)).toEqual({ page: 'studio-calendar', path: '/studio/calendar' });
    expect(resolvePage('/studio/processes/dibao/12/form', admin)).toEqual({ page: 'studio-form-designer', params: { key: 'dibao', version: '12' }, path: '/studio/processes/dibao/12/form' });
    expect(resolvePage('/studio/processes/dibao/12/form', officer)).toEqual({ page: 'work-queue', path: '/work/tasks' });
    expect(resolvePage('/studio/processes/dibao/12/simulate', admin)).toEqual({ page: 'studio-simulation', params: { key: 'dibao', version: '12' }, path: '/studio/processes/dibao/12/simulate' });
    expect(resolvePage('/studio/processes/dibao/12/documents', admin)).toEqual({ page: 'studio-documents', params: { key: 'dibao', version: '12' }, path: '/studio/processes/dibao/12/documents' });
    expect(resolvePage('/studio/processes/dibao/12/simulate', officer)).toEqual({ page: 'work-queue', path: '/work/tasks' });
    expect(resolvePage('/studio/people', officer)).toEqual({ page: 'work-queue', path: '/work/tasks' });
    expect(resolvePage('/studio/people', applicant)).toEqual({ page: 'my-cases', path: '/my/cases' });
  });
});
