/** The outbox in the query cache: the newest messages, and one message. */
import { queryOptions } from '@tanstack/react-query';
import { getOutboxMessage, listOutbox } from './api-client';
import { queryKeys } from './server-state/query-keys';

export const outboxQueries = {
  list: (limit: number) =>
    queryOptions({
      queryKey: queryKeys.outbox(limit),
      queryFn: ({ signal }) => listOutbox(limit, signal),
    }),
  message: (id: string) =>
    queryOptions({
      queryKey: queryKeys.outboxMessage(id),
      queryFn: ({ signal }) => getOutboxMessage(id, signal),
    }),
};
