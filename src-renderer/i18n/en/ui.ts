// English messages of the shared UI pieces: dialogs, addresses, fingerprints, the certificate warning (src-renderer/ui/).
export const ui = {
  'ui.certificate.title': "The room's certificate has changed",
  'ui.certificate.changed':
    '{server} answered with a different certificate than the one you trusted, so Hearth stopped and sent nothing.',
  'ui.certificate.explain':
    'That is expected if the host reinstalled the room. If not, someone may be pretending to be it. Ask the host which fingerprint their host screen shows.',
  'ui.certificate.trusted': 'You trusted',
  'ui.certificate.presented': 'It presents now',
  'ui.certificate.compare': 'Compare',
  'ui.certificate.trust': 'Trust the new certificate',
  'ui.certificate.disconnect': 'Disconnect',
  'ui.dialog.close': 'Close',
  'ui.addresses.none': 'No network address found; friends on this computer can use 127.0.0.1.',
  'ui.addresses.copyOne': 'Copy {address}',
  'ui.addresses.copy': 'Copy',
  'ui.fingerprint.label': 'Certificate fingerprint (SHA-256)',
} as const;
