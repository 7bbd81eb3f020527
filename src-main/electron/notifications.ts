// The desktop-notification sink the service calls (it decides when: a DM or a mention while the window is
// not focused). Clicking a notification brings the window back.
import { Notification } from 'electron';
import type { DesktopNotification } from '../service/hearth-service';

export function createNotifier(
  iconPath: string,
  onClick: () => void,
): (notification: DesktopNotification) => void {
  // Electron drops click handlers of notifications that were garbage-collected, so keep them until closed.
  const shown = new Set<Notification>();
  return ({ title, body }) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body, icon: iconPath });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      onClick();
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  };
}
