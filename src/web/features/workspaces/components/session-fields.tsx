import { SelectField } from '#web/components/ui/select-field.tsx'
import { TextField } from '#web/components/ui/text-field.tsx'
import { plural } from '#web/lib/format.ts'
import { type FieldErrors, fieldMessage } from '#web/lib/forms.ts'

const durationOptions = [15, 30, 45, 60, 75, 90, 120, 150, 180, 240].map((minutes) => ({
  value: String(minutes),
  label: minutes < 60 || minutes % 60 ? `${minutes} minutes` : plural(minutes / 60, 'hour', 'hours'),
}))

/** The date, start time (in my time zone) and duration of a session, as scheduling and rescheduling ask them. */
export function SessionTimeFields({
  dateLabel,
  timeLabel,
  timeZone,
  date,
  time,
  duration,
  onDate,
  onTime,
  onDuration,
  fieldErrors,
  clearField,
}: {
  dateLabel: string
  timeLabel: string
  timeZone: string
  date: string
  time: string
  duration: string
  onDate: (date: string) => void
  onTime: (time: string) => void
  onDuration: (duration: string) => void
  fieldErrors: FieldErrors
  clearField: (name: string) => void
}) {
  return (
    <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <TextField
        label={dateLabel}
        type="date"
        value={date}
        onChange={(event) => {
          onDate(event.target.value)
          clearField('date')
          clearField('startsAtLocal')
        }}
        error={fieldErrors.date}
      />
      <TextField
        label={timeLabel}
        type="time"
        step={300}
        hint={`Your time zone: ${timeZone}`}
        value={time}
        onChange={(event) => {
          onTime(event.target.value)
          clearField('startsAtLocal')
        }}
        error={fieldMessage('Start time', fieldErrors.startsAtLocal)}
      />
      <SelectField
        label="Duration"
        options={durationOptions}
        value={duration}
        onChange={(event) => onDuration(event.target.value)}
        error={fieldMessage('Duration', fieldErrors.durationMinutes)}
      />
    </div>
  )
}

/** Where a session takes place: a room or address, and a video link; both optional. */
export function SessionPlaceFields({
  placeHint,
  location,
  videoUrl,
  onLocation,
  onVideoUrl,
  fieldErrors,
  clearField,
}: {
  placeHint?: string
  location: string
  videoUrl: string
  onLocation: (location: string) => void
  onVideoUrl: (videoUrl: string) => void
  fieldErrors: FieldErrors
  clearField: (name: string) => void
}) {
  return (
    <>
      <TextField
        label="Place"
        isOptional
        hint={placeHint}
        maxLength={500}
        value={location}
        onChange={(event) => {
          onLocation(event.target.value)
          clearField('location')
        }}
        error={fieldMessage('Place', fieldErrors.location)}
      />
      <TextField
        label="Video link"
        isOptional
        type="url"
        inputMode="url"
        placeholder="https://"
        value={videoUrl}
        onChange={(event) => {
          onVideoUrl(event.target.value)
          clearField('videoUrl')
        }}
        error={fieldMessage('Video link', fieldErrors.videoUrl)}
      />
    </>
  )
}
