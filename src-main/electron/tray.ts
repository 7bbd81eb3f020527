// The tray icon with the unread count, and the unread badge where the OS has one (macOS dock, Unity-style
// Linux launchers). Windows has no numeric badge: the count shows in the tray tooltip and window title.
import { app, Menu, nativeImage, Tray } from 'electron';

export interface TrayActions {
  show(): void;
  quit(): void;
}

export class HearthTray {
  private readonly tray: Tray;

  constructor(iconPath: string, actions: TrayActions) {
    const icon = nativeImage.createFromPath(iconPath);
    this.tray = new Tray(process.platform === 'darwin' ? icon.resize({ width: 16, height: 16 }) : icon);
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Hearth', click: actions.show },
        { type: 'separator' },
        { label: 'Quit Hearth', click: actions.quit },
      ]),
    );
    this.tray.on('click', actions.show);
    this.setUnread(0);
  }

  setUnread(total: number): void {
    this.tray.setToolTip(total > 0 ? `Hearth: ${total} unread` : 'Hearth');
    if (process.platform === 'darwin') this.tray.setTitle(total > 0 ? String(total) : '');
    app.setBadgeCount(total);
  }

  destroy(): void {
    this.tray.destroy();
  }
}
