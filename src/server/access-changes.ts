import type { ApolloServerPlugin } from '@apollo/server';
import type { AccessCache } from '../access/access-cache.js';

/**
 * A mutation may change who may read what (a licence suspended, a key revoked): this process
 * drops its cached principals and licences before the answer leaves, so the caller's very
 * next request sees the change. Other processes hear the database's announcement.
 */
export function accessChangesPlugin(access: AccessCache): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') access.invalidate();
        },
      };
    },
  };
}
