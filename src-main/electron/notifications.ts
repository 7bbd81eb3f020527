// The desktop-notification sink the service calls (it decides when: a DM, a mention or a call ringing while
// the user is not looking). Clicking a notification brings the window back; `onClick` is told which one.
import { Notification } from 'electron';
import type { DesktopNotification } from '../service/hearth-service';

export function createNotifier(
  iconPath: string,
  onClick: (clicked: DesktopNotification) => void,
): (notification: DesktopNotification) => void {
  // Electron drops click handlers of notifications that were garbage-collected, so keep them until closed.
  const shown = new Set<Notification>();
  return (shownNotice) => {
    if (!Notification.isSupported()) return;
    const { title, body } = shownNotice;
    const notification = new Notification({ title, body, icon: iconPath });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      onClick(shownNotice);
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  };
}
