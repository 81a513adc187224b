/**
 * Templates in the query cache. Saving a variant or deleting one refreshes that template, the
 * overview, the pickers' name list (`templates`) and the audit log; a test send refreshes the
 * outbox it lands in; setting one's phone refreshes `me`. A template the API does not have (a new
 * name) reads as null, not as an error. Previews are keyed by everything they render, so typing
 * back to an earlier text shows its preview at once.
 */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Channel } from '@waypoint/journey';
import { ApiError } from '../api-error';
import type { PreviewTemplateRequest } from '../api-types';
import { queryKeys } from '../server-state/query-keys';
import {
  deleteTemplateLocale,
  getTemplate,
  getTemplateOverview,
  getTemplateVariables,
  getTemplateVersion,
  previewTemplate,
  saveTemplate,
  sendTestMessage,
  setOwnPhone,
} from './templates-api';

export const templatePageQueries = {
  overview: () =>
    queryOptions({
      queryKey: queryKeys.templateOverview,
      queryFn: ({ signal }) => getTemplateOverview(signal),
    }),
  template: (channel: Channel, name: string) =>
    queryOptions({
      queryKey: queryKeys.template(channel, name),
      queryFn: async ({ signal }) => {
        try {
          return await getTemplate(channel, name, signal);
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }
      },
    }),
  version: (channel: Channel, name: string, version: number) =>
    queryOptions({
      queryKey: queryKeys.templateVersion(channel, name, version),
      queryFn: ({ signal }) => getTemplateVersion(channel, name, version, signal),
      staleTime: Infinity,
    }),
  variables: (channel: Channel) =>
    queryOptions({
      queryKey: queryKeys.templateVariables(channel),
      queryFn: ({ signal }) => getTemplateVariables(channel, undefined, signal),
      staleTime: 5 * 60_000,
    }),
  preview: (body: PreviewTemplateRequest) =>
    queryOptions({
      queryKey: queryKeys.templatePreview(body),
      queryFn: ({ signal }) => previewTemplate(body, signal),
      placeholderData: keepPreviousData,
      gcTime: 60_000,
    }),
};

function useTemplateChanged(channel: Channel, name: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.template(channel, name) }),
      client.invalidateQueries({ queryKey: queryKeys.templateOverview }),
      client.invalidateQueries({ queryKey: queryKeys.templates }),
      client.invalidateQueries({ queryKey: queryKeys.auditLog }),
    ]);
}

export function useSaveTemplate(channel: Channel, name: string) {
  const onSuccess = useTemplateChanged(channel, name);
  return useMutation({
    mutationFn: ({ locale, source }: { locale: string; source: string }) =>
      saveTemplate({ channel, name, locale, source }),
    onSuccess,
  });
}

export function useDeleteTemplateLocale(channel: Channel, name: string) {
  const onSuccess = useTemplateChanged(channel, name);
  return useMutation({
    mutationFn: (locale: string) => deleteTemplateLocale({ channel, name, locale }),
    onSuccess,
  });
}

export function useTestSend() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: sendTestMessage,
    // Outbox lists are keyed ['outbox', limit]: every page size is read again.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['outbox'] }),
        client.invalidateQueries({ queryKey: queryKeys.auditLog }),
      ]),
  });
}

export function useSetOwnPhone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (phone: string | null) => setOwnPhone({ phone }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.me }),
  });
}
