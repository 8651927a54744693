import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { barcodeDetectorClass, cameraErrorMessage, WANTED_FORMATS } from './camera';

/** Same code again within this time is the same label still in view, not a new scan. */
const REPEAT_MS = 2500;
const DETECT_EVERY_MS = 150;

/** Camera scanning through the browser's BarcodeDetector where the platform has one. */
export function CameraScanner({ onCode, disabled }: { onCode: (code: string) => void; disabled: boolean }) {
  const Detector = barcodeDetectorClass();
  const [active, setActive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement | null>(null);
  const emit = useRef(onCode);
  useEffect(() => {
    emit.current = onCode;
  }, [onCode]);

  useEffect(() => {
    if (!active || !Detector) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer = 0;
    const last = { code: '', at: 0 };
    const start = async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia)
          throw new DOMException('no media devices', 'NotFoundError');
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const supported = (await Detector.getSupportedFormats?.()) ?? WANTED_FORMATS;
        const detector = new Detector({ formats: WANTED_FORMATS.filter((f) => supported.includes(f)) });
        const tick = async () => {
          if (stopped || !video.current) return;
          try {
            const found = await detector.detect(video.current);
            const code = found[0]?.rawValue ?? '';
            const now = performance.now();
            if (code !== '' && (code !== last.code || now - last.at > REPEAT_MS)) {
              last.code = code;
              last.at = now;
              emit.current(code);
            } else if (code === last.code && code !== '') last.at = now;
          } catch {
            // A frame the detector could not read: try the next one.
          }
          timer = window.setTimeout(() => void tick(), DETECT_EVERY_MS);
        };
        void tick();
      } catch (err) {
        if (!stopped) {
          setError(cameraErrorMessage(err));
          setActive(false);
        }
      }
    };
    void start();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [active, Detector]);

  if (!Detector) {
    return (
      <Text size="sm" c="dimmed" data-testid="camera-unavailable">
        Camera scanning is not available on this device. Use a barcode scanner or type the tag.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            setError(null);
            setActive((on) => !on);
          }}
          disabled={disabled}
        >
          {active ? 'Stop camera' : 'Scan with camera'}
        </Button>
      </Group>
      {error && (
        <Alert color="orange" variant="light" role="alert" data-testid="camera-error">
          {error}
        </Alert>
      )}
      {active && (
        <video
          ref={video}
          muted
          playsInline
          aria-label="Camera view"
          style={{ width: '100%', maxWidth: 420, borderRadius: 8 }}
        />
      )}
    </Stack>
  );
}
