// The main-process service: everything the window can ask for and everything it is told, in plain Node.
// The Electron IPC adapter and the end-to-end test bridge both route the renderer's calls here. It is a
// façade: each call is guarded (never throws, refused once the app quits), its input checked, and the work
// delegated to the link to a room (room-link.ts, chat-actions.ts, ways-in.ts), the user's rooms (rooms-state.ts,
// room-actions.ts, room-mutes.ts), the inbox (inbox.ts), the hosted room (hosting.ts), the ways in
// (room-reach.ts), the account (account-service.ts), the conversation features (conversation-service.ts) and
// calls (calls-service.ts).
// size: the façade of every call the window makes, one guarded line each that delegates to its part.
//
// What the renderer can rely on:
// - Every method resolves to a Result; nothing throws across the bridge.
// - After a login the room's latest messages (and direct messages that arrived while the user was away)
//   come as `message` events; live messages, and those fetched after a reconnect, follow exactly once and in
//   id order. `loadHistory` pages further back; pages may overlap what events delivered, so the renderer
//   keys messages by id.
// - `send` answers at once with the client id and emits the message as `pending`; when the server has
//   stored it, the same cid comes again with its id. While reconnecting, sends wait and go out afterwards.
// - Other rooms' messages (`#n`) come only live and after a reconnect, not with the login: load their history.
//   Every change to the user's rooms comes as a whole `rooms` list; a room call's answer is in it already.
import type { z } from 'zod';
import { checkExternalUrl } from '../../src-shared/external-url';
import type {
  AppState,
  ConversationId,
  HearthEvents,
  HearthInvoke,
  Preferences,
  Unsubscribe,
} from '../../src-shared/ipc';
import { MIN_PASSWORD_LENGTH } from '../../src-shared/protocol';
import { fail, OK, ok, type Result } from '../../src-shared/result';
import type { ConnectionOptions } from '../client/connection';
import { TypedEmitter } from '../client/typed-emitter';
import { AccountService } from './account-service';
import { CallsFacade } from './calls-facade';
import { CallsService } from './calls-service';
import { changeFriends, countPeople, loadHistory, sendMessage } from './chat-actions';
import { ConversationService } from './conversation-service';
import { FileService, type SaveHooks } from './file-service';
import { type Answer, type Guarded, guardedCall } from './guarded-call';
import { HeldMessages } from './held-messages';
import type { HostLauncher } from './host-launcher';
import { Hosting } from './hosting';
import { type DesktopNotification, Inbox } from './inbox';
import {
  activeConversationInput,
  anyInput,
  credentialsInput,
  friendAnswerInput,
  historyInput,
  hostOptionsInput,
  inviteInput,
  lanRoomIdInput,
  NEW_PASSWORD_RULE,
  preferencesInput,
  sendInput,
  serverAddressInput,
  switchInput,
  trustInput,
  usernameInput,
} from './inputs';
import { changePreferences, storagePlaces } from './preferences';
import { RememberedSessions } from './remembered-sessions';
import { RoomLink } from './room-link';
import { RoomMutes } from './room-mutes';
import { wireRoomPushes } from './room-pushes';
import { RoomReach, type RoomReachOptions } from './room-reach';
import { RoomService } from './room-service';
import { RoomsState } from './rooms-state';
import { MemorySecretStore, type SecretStore } from './secrets';
import { SettingsStore } from './settings';
import { hostAndJoin, joinInvite, joinLanRoom, stopHosting } from './ways-in';

export type { DesktopNotification } from './inbox';

/** A call whose work cannot fail: it answers OK once the work is done. */
const done = (work: () => unknown): Promise<Result> => Promise.resolve(work()).then(() => OK);

export interface HearthServiceOptions {
  /** The app's data directory: settings.json lives here, the hosted room's database under host/. */
  dataDir: string;
  hostLauncher: HostLauncher;
  /** Opens a URL in the user's browser; the service only ever passes http(s) URLs. */
  openExternal?: (url: string) => Promise<void>;
  /** Shows a desktop notification; the service decides when. */
  notify?: (notification: DesktopNotification) => void;
  /** Timeouts and backoff of the client connection (tests shorten them). */
  connection?: Omit<ConnectionOptions, 'host' | 'port' | 'pinnedFingerprint'>;
  /**
   * Where session tokens are kept between runs (the Electron app: safeStorage). Default: memory only, so
   * "remember me" lasts until the app quits.
   */
  secrets?: SecretStore;
  /** LAN discovery and port mapping; each absent or null: not offered (nothing leaves loopback). */
  reach?: Partial<RoomReachOptions>;
  /** Told when the user is in a call they started or accepted (true) and when it ends: the media permission. */
  callMedia?: (inCall: boolean) => void;
  /** The save dialog and the file manager (the Electron shell); absent: saving files is not offered. */
  files?: SaveHooks;
}

export class HearthService extends CallsFacade implements HearthInvoke {
  private readonly events = new TypedEmitter<HearthEvents>();
  private readonly settings: SettingsStore;
  private readonly reach: RoomReach;
  private readonly inbox: Inbox;
  private readonly hosting: Hosting;
  private readonly link: RoomLink;
  private readonly remembered: RememberedSessions;
  private readonly held = new HeldMessages();
  private readonly rooms = new RoomsState({
    rooms: (snapshot) => this.events.emit('rooms', snapshot),
    roomRemoved: (removed) => this.events.emit('roomRemoved', removed),
  });
  private readonly mutes: RoomMutes;
  private readonly secrets: SecretStore;
  readonly accountCalls: AccountService;
  readonly conversationCalls: ConversationService;
  readonly fileCalls: FileService;
  readonly callCalls: CallsService;
  readonly roomCalls: RoomService;
  private disposed = false;

  readonly connect = this.guarded('connect', serverAddressInput, (server) => this.link.open(server, true));
  readonly disconnect = this.guarded('disconnect', anyInput, () => done(() => this.link.close()));
  readonly reconnectNow = this.guarded('reconnectNow', anyInput, () => done(() => this.link.retryNow()));
  readonly register = this.guarded('register', credentialsInput, async (credentials) => {
    // The server enforces the rule too; checking first saves a round trip and gives the app's wording.
    if (credentials.password.length < MIN_PASSWORD_LENGTH) return fail('weak_password', NEW_PASSWORD_RULE);
    return this.link.passwordLogin(credentials, true);
  });
  readonly login = this.guarded('login', credentialsInput, (c) => this.link.passwordLogin(c, false));
  readonly loginGuest = this.guarded('loginGuest', usernameInput, (name) => this.link.guestLogin(name));
  readonly logout = this.guarded('logout', anyInput, () => this.link.logout());
  readonly send = this.guarded('send', sendInput, (message) => sendMessage(this.link, message));
  readonly loadHistory = this.guarded('loadHistory', historyInput, (query) =>
    loadHistory(this.link, query, this.held),
  );
  readonly friendRequest = this.guarded('friendRequest', usernameInput, (name) =>
    changeFriends(this.link, name, (c, n) => c.friendRequest(n)),
  );
  readonly friendRespond = this.guarded('friendRespond', friendAnswerInput, ({ username, accept }) =>
    changeFriends(this.link, username, (c, n) => (accept ? c.friendAccept(n) : c.friendDecline(n))),
  );
  readonly friendRemove = this.guarded('friendRemove', usernameInput, (name) =>
    changeFriends(this.link, name, (c, n) => c.friendRemove(n)),
  );
  readonly block = this.guarded('block', usernameInput, (name) =>
    changeFriends(this.link, name, (c, n) => c.block(n)),
  );
  readonly unblock = this.guarded('unblock', usernameInput, (name) =>
    changeFriends(this.link, name, (c, n) => c.unblock(n)),
  );
  readonly startHost = this.guarded('startHost', hostOptionsInput, (options) =>
    hostAndJoin(this.hosting, this.link, options, () => this.disposed),
  );
  readonly stopHost = this.guarded('stopHost', anyInput, () => stopHosting(this.hosting, this.link));
  readonly countPeople = this.guarded('countPeople', anyInput, () => countPeople(this.link));
  readonly setPreferences = this.guarded('setPreferences', preferencesInput, async (change) =>
    ok(await changePreferences(this.settings, change)),
  );
  readonly storagePlaces = this.guarded('storagePlaces', anyInput, async () =>
    ok(storagePlaces(this.options.dataDir, this.secrets)),
  );
  readonly trustCertificate = this.guarded('trustCertificate', trustInput, ({ server, fingerprint }) =>
    this.link.replacePin(server, fingerprint).then(() => OK),
  );
  readonly openInvite = this.guarded('openInvite', inviteInput, (text) => joinInvite(this.link, text));
  readonly browseLan = this.guarded('browseLan', switchInput, async (on) => this.reach.browse(on));
  readonly joinLanRoom = this.guarded('joinLanRoom', lanRoomIdInput, (id) =>
    joinLanRoom(this.reach, this.link, id),
  );
  readonly openToInternet = this.guarded('openToInternet', anyInput, () => this.reach.openToInternet());
  readonly closeToInternet = this.guarded('closeToInternet', anyInput, () =>
    done(() => this.reach.closeToInternet()),
  );
  readonly openExternal = this.guarded('openExternal', anyInput, (url) => this.openLink(url));
  readonly setActiveConversation = this.guarded('setActiveConversation', activeConversationInput, (c) =>
    done(() => this.inbox.setActiveConversation(c as ConversationId | null)),
  );

  constructor(private readonly options: HearthServiceOptions) {
    super();
    this.settings = new SettingsStore(options.dataDir, (s) => this.events.emit('settings', s));
    this.reach = new RoomReach(
      { lan: null, portMapping: null, ...options.reach },
      {
        lanRooms: (rooms) => this.events.emit('lanRooms', rooms),
        internet: (status) => this.events.emit('internet', status),
        publicAddress: (address) => options.hostLauncher.setPublicAddress(address),
      },
    );
    this.conversationCalls = new ConversationService({
      link: () => this.link,
      events: this.events,
      held: this.held,
      readUpTo: (conversation, id) => this.inbox.readUpTo(conversation, id),
      disposed: () => this.disposed,
    });
    this.fileCalls = new FileService({
      link: () => this.link,
      events: this.events,
      held: this.held,
      dataDir: options.dataDir,
      keepPhotoMetadata: () => this.settings.get().preferences.keepPhotoMetadata,
      hooks: options.files ?? null,
      disposed: () => this.disposed,
    });
    this.callCalls = this.makeCallCalls();
    this.inbox = new Inbox({
      message: (message) => this.events.emit('message', message),
      unread: (snapshot) => this.events.emit('unread', snapshot),
      notify: (n) => this.notify(n),
      rooms: this.rooms,
      held: this.held,
      markers: this.conversationCalls.markers,
      notifyWhen: () => this.settings.get().preferences.notifications,
    });
    this.mutes = new RoomMutes(this.settings, this.inbox, this.events);
    // Muted rooms are the user's per server: they follow where the link goes.
    this.events.on('connection', (status) => this.mutes.follow(status.server));
    this.hosting = new Hosting({
      launcher: options.hostLauncher,
      dataDir: options.dataDir,
      settings: this.settings,
      reach: this.reach,
      onStatus: (status) => this.events.emit('host', status),
    });
    this.secrets = options.secrets ?? new MemorySecretStore();
    this.remembered = new RememberedSessions(this.secrets);
    this.link = new RoomLink({
      settings: this.settings,
      remembered: this.remembered,
      inbox: this.inbox,
      rooms: this.rooms,
      wireRooms: (connection) => [
        ...wireRoomPushes(connection, {
          rooms: this.rooms,
          inbox: this.inbox,
          events: this.events,
        }),
        ...this.accountCalls.wire(connection),
        ...this.conversationCalls.wire(connection),
        ...this.fileCalls.wire(connection),
        ...this.callCalls.wire(connection),
      ],
      quote: (id) => this.held.quote(id),
      events: this.events,
      connection: options.connection,
      hostedPin: (server) => this.hosting.ownFingerprint(server),
    });
    this.roomCalls = this.makeRoomCalls();
    this.events.on('session', (session) => this.hosting.sessionBegan(this.link.status.server, session));
    this.accountCalls = new AccountService(this.link, this.events, () => this.disposed);
  }

  on<E extends keyof HearthEvents>(event: E, listener: (payload: HearthEvents[E]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /**
   * Called by the Electron layer at start: straight back into the last room when its session is remembered
   * ("Keep me logged in"), instead of the Connect screen. Nothing remembered, or already connecting: nothing.
   */
  async reopenLastRoom(): Promise<void> {
    const last = this.settings.get().recentServers[0];
    if (!last || !(await this.remembered.get(last))) return;
    if (this.disposed || this.link.status.state !== 'disconnected') return;
    await this.link.open(last, true);
  }

  /** For the Electron layer: whether to start in the tray, and whether closing the window quits. */
  preferences(): Preferences {
    return this.settings.get().preferences;
  }

  /** Called by the Electron layer: notifications and unread counting depend on whether the user looks. */
  setWindowFocused(focused: boolean): void {
    this.inbox.setWindowFocused(focused);
  }

  /** Called by the Electron layer when the user clicks a notification (the window is shown already). */
  notificationClicked(notification: DesktopNotification): void {
    if (notification.call) this.callCalls.notificationClicked(notification);
    else this.events.emit('notificationOpened', { conversation: notification.conversation });
  }

  async getState(): Promise<AppState> {
    return {
      connection: this.link.status,
      session: this.link.session,
      friends: this.link.friends,
      host: this.hosting.status,
      settings: this.settings.get(),
      internet: this.reach.internetStatus,
      roomName: this.reach.roomName,
      rooms: this.rooms.snapshot(),
      mutedRooms: this.mutes.rooms,
      seen: this.conversationCalls.markers.seen,
      receipts: this.conversationCalls.markers.receipts,
    };
  }

  private makeCallCalls(): CallsService {
    return new CallsService({
      link: () => this.link,
      events: this.events,
      media: this.options.callMedia ?? (() => {}),
      ring: {
        looksAt: (conversation) => this.inbox.looksAt(conversation),
        level: () => this.settings.get().preferences.notifications,
        notify: (n) => this.notify(n),
      },
      disposed: () => this.disposed,
    });
  }

  private makeRoomCalls(): RoomService {
    const { link, rooms, inbox, mutes } = this;
    return new RoomService({ link, rooms, inbox, mutes, disposed: () => this.disposed });
  }

  /** Close the connection, stop a hosted room and finish writing settings. */
  async dispose(): Promise<void> {
    this.link.close();
    if (this.hosting.status.running) await this.stopHost();
    await this.reach.dispose();
    this.disposed = true;
    this.fileCalls.dispose();
    this.hosting.dispose();
    await this.settings.flush();
    this.events.removeAllListeners();
  }

  /** Desktop notifications stay quiet while the user is in do-not-disturb. */
  private notify(notification: DesktopNotification): void {
    if (!this.accountCalls.doNotDisturb) this.options.notify?.(notification);
  }

  private async openLink(url: unknown): Promise<Result> {
    const link = checkExternalUrl(url);
    if (!link.ok) return link;
    if (!this.options.openExternal) return fail('unavailable', 'Opening links is not available here.');
    await this.options.openExternal(link.value);
    return OK;
  }

  /** Every call goes through the one wrapper (guarded-call.ts); after dispose it refuses. */
  private guarded<K extends Guarded, S extends z.ZodType>(
    name: K,
    input: S,
    run: (value: z.output<S>) => Promise<Answer<K>>,
  ): HearthInvoke[K] {
    return guardedCall(name, input, run, () => this.disposed);
  }
}
