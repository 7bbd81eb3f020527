// The devices of a call: which microphone, camera and speaker, and whether to relay the call through the
// room (no one in it learns the user's address; it applies from the next call on). Listed once the call
// has the camera or microphone, when the browser gives the devices their names.
import { useEffect, useState } from 'react';
import { t } from '../i18n/intl';
import type { Calls } from './use-calls';

interface Props {
  calls: Calls;
  video: boolean;
  speaker: string;
  onSpeaker: (deviceId: string) => void;
}

export function CallDevices({ calls, video, speaker, onSpeaker }: Props) {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const list = () => void navigator.mediaDevices.enumerateDevices().then(setDevices);
    list();
    navigator.mediaDevices.addEventListener('devicechange', list);
    return () => navigator.mediaDevices.removeEventListener('devicechange', list);
  }, []);
  const of = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind && d.deviceId);
  const inUse = (kind: 'audio' | 'video') =>
    calls.mesh?.local
      .getTracks()
      .find((t) => t.kind === kind)
      ?.getSettings().deviceId ?? '';
  return (
    <details className="call-devices">
      <summary>{t('calls.devices.title')}</summary>
      <div className="call-devices-body">
        <DeviceChoice
          label={t('calls.devices.microphone')}
          devices={of('audioinput')}
          value={inUse('audio')}
          onChange={(id) => void calls.chooseDevice('audioinput', id)}
        />
        {video && (
          <DeviceChoice
            label={t('calls.devices.camera')}
            devices={of('videoinput')}
            value={inUse('video')}
            onChange={(id) => void calls.chooseDevice('videoinput', id)}
          />
        )}
        <DeviceChoice
          label={t('calls.devices.speaker')}
          devices={of('audiooutput')}
          value={speaker}
          onChange={onSpeaker}
        />
        <label className="call-relay">
          <input
            type="checkbox"
            checked={calls.relayOnly}
            onChange={(event) => calls.setRelayOnly(event.target.checked)}
          />
          {t('calls.devices.relay')}
        </label>
      </div>
    </details>
  );
}

function DeviceChoice({
  label,
  devices,
  value,
  onChange,
}: {
  label: string;
  devices: MediaDeviceInfo[];
  value: string;
  onChange: (deviceId: string) => void;
}) {
  return (
    <label className="call-device">
      {label}
      <select
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={devices.length === 0}
      >
        {devices.length === 0 && <option value="">{t('calls.devices.none')}</option>}
        {devices.map((device, i) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}
