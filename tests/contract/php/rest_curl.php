<?php
// A PHP merchant on the REST generations with ext-curl, as merchants' own code calls them.
// Usage: php rest_curl.php <url> <json|form> '<json body or fields>'
// Prints {"status": <http status>, "aspnet": <X-AspNet-Version>, "body": <decoded answer>, "fields": [...],
//         "stripped": <the raw answer without its '"', as Laravel merchants read the legacy start>}
// where "fields" is str_res_pago split as merchants split it: attempts on "|;|", fields on "|".
[$_, $url, $mode, $payload] = $argv;
$data = json_decode($payload, true);
$headers = [];
$curl = curl_init($url);
curl_setopt_array($curl, [
    CURLOPT_POST => true,
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_TIMEOUT => 20,
    CURLOPT_HTTPHEADER => $mode === 'json' ? ['Content-Type: application/json'] : [],
    CURLOPT_POSTFIELDS => $mode === 'json' ? json_encode($data) : http_build_query($data),
    CURLOPT_HEADERFUNCTION => function ($curl, $line) use (&$headers) {
        $parts = explode(':', $line, 2);
        if (count($parts) === 2) {
            $headers[strtolower(trim($parts[0]))] = trim($parts[1]);
        }
        return strlen($line);
    },
]);
$raw = curl_exec($curl);
if ($raw === false) {
    fwrite(STDERR, curl_error($curl));
    exit(2);
}
$status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
curl_close($curl);
$body = json_decode($raw, true);
$fields = [];
if (is_array($body) && isset($body['str_res_pago']) && $body['str_res_pago'] !== '') {
    foreach (explode('|;|', $body['str_res_pago']) as $attempt) {
        if ($attempt !== '') {
            $fields[] = explode('|', $attempt);
        }
    }
}
echo json_encode(['status' => $status, 'aspnet' => $headers['x-aspnet-version'] ?? null, 'body' => $body,
                  'fields' => $fields, 'stripped' => str_replace('"', '', $raw)]);
