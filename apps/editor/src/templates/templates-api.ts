// The templates page's calls: the overview, one template (its variants, versions and users), an
// old version, save a variant (a new version), delete a variant, preview, the variables to offer,
// a test send to oneself, and one's own phone for SMS and WhatsApp test sends.
import type { Channel } from '@waypoint/journey';
import { getData, request } from '../api-client';
import type {
  PreviewTemplateRequest,
  RenderedTemplate,
  SavedTemplate,
  SaveTemplateRequest,
  SetOwnPhoneRequest,
  TemplateSource,
  TemplateSummary,
  TemplateVariable,
  TemplateVersion,
  TestSendRequest,
  TestSendResult,
} from '../api-types';

const PATH = '/v1/templates';
const templatePath = (channel: Channel, name: string) =>
  `${PATH}/${encodeURIComponent(channel)}/${encodeURIComponent(name)}`;

export const getTemplateOverview = (signal?: AbortSignal) =>
  getData<TemplateSummary[]>(`${PATH}/overview`, signal);

export const getTemplate = (channel: Channel, name: string, signal?: AbortSignal) =>
  getData<TemplateSource>(templatePath(channel, name), signal);

export const getTemplateVersion = (channel: Channel, name: string, version: number, signal?: AbortSignal) =>
  getData<TemplateVersion>(`${templatePath(channel, name)}/versions/${version}`, signal);

/** Saves one locale's variant as a new version (the other variants are kept). */
export const saveTemplate = ({
  channel,
  name,
  ...body
}: SaveTemplateRequest & { channel: Channel; name: string }) =>
  request<SavedTemplate>('PUT', templatePath(channel, name), body);

export const deleteTemplateLocale = ({
  channel,
  name,
  locale,
}: {
  channel: Channel;
  name: string;
  locale: string;
}) => request<unknown>('DELETE', `${templatePath(channel, name)}/locales/${encodeURIComponent(locale)}`);

export const previewTemplate = (body: PreviewTemplateRequest, signal?: AbortSignal) =>
  request<RenderedTemplate>('POST', `${PATH}/preview`, body, signal);

export function getTemplateVariables(channel: Channel, eventType?: string, signal?: AbortSignal) {
  const params = new URLSearchParams({ channel });
  if (eventType) params.set('eventType', eventType);
  return getData<TemplateVariable[]>(`${PATH}/variables?${params.toString()}`, signal);
}

export const sendTestMessage = (body: TestSendRequest) =>
  request<TestSendResult>('POST', `${PATH}/test-send`, body);

export const setOwnPhone = (body: SetOwnPhoneRequest) => request<unknown>('PATCH', '/v1/auth/me', body);
