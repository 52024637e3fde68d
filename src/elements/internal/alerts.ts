import { TabLeader } from './tab-leader.js';

/** What the alerts need from the browser; tests replace parts of it. */
export const alertEnvironment = {
  leader: new TabLeader('taskrouter-kit.alerts'),
  notification: (globalThis as { Notification?: typeof Notification }).Notification,
  playSound(url: string): void {
    if (url) {
      new Audio(url).play().catch(() => undefined); // autoplay may be blocked until the user interacts
      return;
    }
    playTone();
  },
};

/** A short two-note chime made with Web Audio, so the kit ships no sound file. */
function playTone(): void {
  const AudioContextClass = globalThis.AudioContext;
  if (!AudioContextClass) return;
  const context = new AudioContextClass();
  const gain = context.createGain();
  gain.connect(context.destination);
  gain.gain.setValueAtTime(0.15, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.8);
  [880, 660].forEach((frequency, index) => {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    oscillator.start(context.currentTime + index * 0.2);
    oscillator.stop(context.currentTime + 0.8);
  });
  setTimeout(() => void context.close(), 1000);
}

let users = 0;
/** The ids alerted, newest last: the last few hundred are plenty to tell a repeat (a page may stay open for weeks). */
const alerted = new Set<string>();
const ALERTED_KEPT = 200;

/** Takes part in the election while at least one element wants alerts. */
export function joinAlerts(): () => void {
  users++;
  alertEnvironment.leader.start();
  return () => {
    if (--users === 0) alertEnvironment.leader.stop();
  };
}

/** The desktop notification permission, or `unsupported` (no API, e.g. some embedded views). */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return alertEnvironment.notification?.permission ?? 'unsupported';
}

/** Asks for desktop notification permission (call from a user gesture). */
export async function requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  const api = alertEnvironment.notification;
  return api ? api.requestPermission() : 'unsupported';
}

export interface Alert {
  /** Identifies the alert; each id alerts once per page. */
  id: string;
  title: string;
  body: string;
  /** Play a sound: a URL, or '' for the built-in chime; undefined for none. */
  sound?: string;
  /** Show a desktop notification if allowed. */
  notify: boolean;
  /** Called when the user clicks the notification. */
  onClick?: () => void;
}

/**
 * Plays an alert (sound, and a desktop notification where allowed) in the leading tab only, once per
 * id per page. Where notifications are not allowed the caller shows an in-page notice instead.
 */
export function playAlert(alert: Alert): void {
  if (alerted.has(alert.id) || !alertEnvironment.leader.isLeader) return;
  alerted.add(alert.id);
  if (alerted.size > ALERTED_KEPT) alerted.delete(alerted.values().next().value!);
  if (alert.sound !== undefined) alertEnvironment.playSound(alert.sound);
  if (!alert.notify || notificationPermission() !== 'granted') return;
  const notification = new alertEnvironment.notification!(alert.title, { body: alert.body, tag: alert.id });
  notification.onclick = () => {
    globalThis.focus();
    alert.onClick?.();
    notification.close();
  };
}
