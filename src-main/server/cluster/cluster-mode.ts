// What `--cluster postgres://…` plugs into the server (docs/cluster.md): the shared message log and the
// shared accounts, both in one PostgreSQL. The log opens first and migrates the schema the accounts use.
import type { ServerOptions } from '../options';
import { type ClusterOptions, openClusterLog } from './postgres-log';
import { openSharedAccounts } from './shared-accounts';

export function clusterMode(options: ClusterOptions): Pick<ServerOptions, 'openLog' | 'openAccounts'> {
  return { openLog: openClusterLog(options), openAccounts: openSharedAccounts(options.url) };
}
