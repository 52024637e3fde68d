/**
 * Spanish for the kit's elements. Import this module once (`import 'taskrouter-kit/translations/es'`)
 * and every element whose `lang` (its own, an ancestor's or the document's) is `es` or `es-*` speaks Spanish.
 */
import { registerTranslation, type Translation } from '../internal/localize.js';
import { numeral, plural } from './helpers.js';

/** The expression parser's phrases (what it expected, found or suggests) in Spanish; quoted tokens stay as they are. */
const PHRASES: Record<string, string> = {
  'a value': 'un valor',
  'a condition': 'una condición',
  'a comparison operator': 'un operador de comparación',
  'a constant (list items are strings, numbers, true, false or null)':
    'una constante (los elementos de una lista son textos, números, true, false o null)',
  'a key name': 'un nombre de clave',
  'No spaces inside a key': 'Una clave no lleva espacios',
  'an array index (0, 1, …) or a quoted key': 'un índice (0, 1, …) o una clave entre comillas',
  'a digit after the decimal point': 'un dígito después del punto decimal',
  '4 hex digits after "\\u"': '4 dígitos hexadecimales después de "\\u"',
  'end of input': 'el final de la expresión',
  'Hyphens are not supported in TaskRouter expressions': 'Las expresiones de TaskRouter no admiten guiones',
  'Use AND': 'Use AND',
  'Use OR': 'Use OR',
  'Use NOT, or != for inequality': 'Use NOT, o != para la desigualdad',
  'This ")" has no matching "("': 'Este ")" no tiene su "("',
};

function phrase(text: string): string {
  return (
    PHRASES[text] ??
    text
      .replace(/^Supported operators: /, 'Operadores admitidos: ')
      .replace(/^at most (\d+) nested parentheses or NOTs$/, 'a lo sumo $1 paréntesis o NOT anidados')
      .replace(/^The (.+) at line (\d+), column (\d+) is not closed$/, (_, what: string, line: string, column: string) =>
        `${what === 'string' ? 'El texto' : `El ${what}`} de la línea ${line}, columna ${column} no está cerrado`)
  );
}

/** Every term, so that no English shows through. */
export const es: Required<Translation> = {
  $code: 'es',
  $name: 'Español',

  connecting: 'Conectando…',
  noProvider: 'Sin conexión: coloque este elemento dentro de <tr-provider> o asigne su propiedad client.',
  retry: 'Reintentar',
  cancel: 'Cancelar',
  dismiss: 'Descartar',
  available: 'Disponible',
  unavailable: 'No disponible',
  connection_connecting: 'Conectando…',
  connection_connected: 'Conectado',
  connection_reconnecting: 'Conexión perdida, reconectando…',
  connection_disconnected: 'Desconectado',
  connection_failed: 'La conexión falló',
  actionFailed: (action, reason) => `Falló «${action}»: ${reason}`,
  unreachable: 'no se pudo contactar con TaskRouter',

  noWorker: 'No hay ningún agente conectado.',
  timeInActivity: 'Tiempo en esta actividad',
  changeActivity: 'Cambiar actividad',
  activityLabel: (activity) => `Actividad: ${activity}`,
  confirmUnavailable: (activity, pending) =>
    `Tiene ${pending} ${plural(pending, 'reserva pendiente', 'reservas pendientes')}. ¿Cambiar a ${activity} de todos modos?`,
  switchTo: (activity) => `Cambiar a ${activity}`,
  channels: 'Canales',
  capacity: (assigned, capacity) => `${assigned} de ${capacity} ${plural(capacity, 'tarea', 'tareas')}`,

  reservations: 'Reservas',
  noReservations: 'No hay reservas por ahora.',
  status_pending: 'Entrante',
  status_accepted: 'Aceptada',
  status_wrapping: 'En cierre',
  status_completed: 'Completada',
  status_rejected: 'Rechazada',
  status_timeout: 'Tiempo agotado',
  status_canceled: 'Cancelada',
  status_rescinded: 'Tomada por otro agente',
  priority: (priority) => `Prioridad ${numeral(priority, 'es')}`,
  age: (duration) => `En espera ${duration}`,
  expiresIn: (duration) => `Vence en ${duration}`,
  inStatusFor: (duration) => `desde hace ${duration}`,
  accept: 'Aceptar',
  reject: 'Rechazar',
  wrapup: 'Cerrar',
  complete: 'Completar',
  newReservation: (queue, summary) => `Nueva reserva de ${queue}${summary ? `: ${summary}` : ''}`,
  reservationEnded: (name, status) => `Reserva de ${name}: ${status}`,
  notificationTitle: 'Nueva reserva',
  enableNotifications: 'Activar notificaciones de escritorio',

  queueStatistics: (minutes) => `Colas (acumulado: ${plural(minutes, 'último minuto', `últimos ${numeral(minutes, 'es')} minutos`)})`,
  noQueues: 'No hay colas que mostrar.',
  realtime: 'Tiempo real',
  window: (minutes) => plural(minutes, 'Último minuto', `Últimos ${numeral(minutes, 'es')} minutos`),
  chooseColumns: 'Columnas',
  total: 'Total',
  trendLabel: (from, to) => `Tareas en espera, de ${numeral(from, 'es')} a ${numeral(to, 'es')}`,
  column_queue: 'Cola',
  column_waiting: 'En espera',
  column_reserved: 'Reservadas',
  column_assigned: 'Asignadas',
  column_wrapping: 'En cierre',
  column_totalTasks: 'Tareas',
  column_longestWait: 'Espera más larga',
  column_availableWorkers: 'Agentes disponibles',
  column_eligibleWorkers: 'Agentes elegibles',
  column_activities: 'Agentes por actividad',
  column_entered: 'Entradas',
  column_completed: 'Completadas',
  column_canceled: 'Canceladas',
  column_accepted: 'Aceptadas',
  column_rejected: 'Rechazadas',
  column_timedOut: 'Tiempo agotado',
  column_acceptanceTime: 'Tiempo medio hasta aceptar',
  column_waitUntilAccepted: 'Espera media hasta aceptar',
  column_trend: 'Tendencia',

  newQueue: 'Nueva cola de tareas',
  needsWorkspaceToken: 'Editar colas de tareas requiere un token del espacio de trabajo: defina workspace-token-url en <tr-provider>.',
  editQueue: (name) => `Editar la cola de tareas ${name}`,
  field_FriendlyName: 'Nombre',
  field_TargetWorkers: 'Agentes destino',
  field_MaxReservedWorkers: 'Máximo de agentes reservados',
  field_TaskOrder: 'Orden de tareas',
  field_ReservationActivitySid: 'Actividad al reservar',
  field_AssignmentActivitySid: 'Actividad al asignar',
  fifo: 'Primero en entrar, primero en salir',
  lifo: 'Último en entrar, primero en salir',
  noActivityChange: 'Sin cambio',
  targetWorkersHint: 'Una expresión sobre los atributos de los agentes; vacía coincide con todos.',
  previewLoading: 'Buscando agentes que coinciden…',
  previewCount: (count, orMore) => `${numeral(count, 'es')}${orMore ? ' o más' : ''} ${plural(count, 'agente coincide', 'agentes coinciden')}`,
  previewMore: (count, orMore) => `y ${numeral(count, 'es')}${orMore ? ' o' : ''} más`,
  noWorkerHas: (key) => `Ningún agente tiene el atributo «${key}».`,
  required: 'Introduzca un nombre.',
  nameTooLong: (max: number) => `Use ${max} caracteres como máximo.`,
  maxReservedRange: (max: number) => `Introduzca un número entero del 1 al ${max}.`,
  expressionError: (error) => {
    const expected = error.expected.map(phrase);
    const alternatives = expected.length > 1 ? `${expected.slice(0, -1).join(', ')} o ${expected.at(-1)}` : (expected[0] ?? 'nada');
    const after = error.after ? ` después de ${error.after}` : '';
    const hint = error.hint ? `. ${phrase(error.hint)}` : '';
    return `Línea ${error.line}, columna ${error.column}: se esperaba ${alternatives}${after}, se encontró ${phrase(error.found)}${hint}`;
  },
  queueNotFound: 'Esta cola de tareas ya no existe.',
  save: 'Guardar',
  create: 'Crear',
  delete: 'Eliminar',
  confirmDelete: (name) => `¿Eliminar la cola de tareas ${name}? No se puede deshacer.`,
  saved: 'Guardado.',
  deleted: 'Eliminada.',
};

registerTranslation(es);
