// The file calls on the service's own surface: the IPC adapter and the test bridge call the service's
// methods by name, so HearthService extends this (through ConversationFacade), and each call is passed to
// its FileService.
import type { FilesInvoke } from '../../src-shared/ipc';
import { AccountFacade } from './account-facade';

export abstract class FilesFacade extends AccountFacade implements FilesInvoke {
  protected abstract readonly fileCalls: FilesInvoke;

  readonly attachFile: FilesInvoke['attachFile'] = (f) => this.fileCalls.attachFile(f);
  readonly cancelTransfer: FilesInvoke['cancelTransfer'] = (id) => this.fileCalls.cancelTransfer(id);
  readonly listTransfers: FilesInvoke['listTransfers'] = () => this.fileCalls.listTransfers();
  readonly saveFile: FilesInvoke['saveFile'] = (id) => this.fileCalls.saveFile(id);
  readonly openFolder: FilesInvoke['openFolder'] = (id) => this.fileCalls.openFolder(id);
  readonly loadImage: FilesInvoke['loadImage'] = (id) => this.fileCalls.loadImage(id);
}
