/**
 * 简体中文 for what the self-test says of a check: what it tried and what to do next. Keys are
 * the English texts (`SELF_TEST_CHECK_WORDS` and `NEXT_STEPS` in self-test-advice.ts); the
 * panel's admin view and facilities' message in a Chinese room both read this one table.
 */
export const ZH_CN_SELF_TEST: Record<string, string> = {
  Connection: '连接',
  'Power on (waking it as the meeting start would)': '开机（按会议开始时的方式唤醒）',
  'Answers a question': '应答查询',
  'Camera to its home position': '摄像头回到初始位置',
  'Display on': '显示屏开机',
  'Microphone hears the room': '麦克风拾音',
  'Check that the device has power and that its cable or network is plugged in; the room reconnects by itself. If it stays offline, restart it under Devices.':
    '检查设备是否通电、线缆或网络是否接好；会议室会自动重连。如果一直离线，请在“设备”中重启它。',
  "Correct the device's entry in the room's config (the detail names the field), then reload the config.":
    '修正会议室配置中该设备的条目（详情中写明了字段），然后重新加载配置。',
  "The device refused the room's login: check the user name and password of the device in the room's config.":
    '设备拒绝了会议室的登录：请检查会议室配置中该设备的用户名和密码。',
  'The device did not power on: check its power supply, and that control while in standby is enabled in its own menu.':
    '设备没有开机：请检查电源，并确认设备菜单中已启用待机时可控制。',
  'The device refused the command: check that it is on and not busy (a menu open, another controller), then run the self-test again.':
    '设备拒绝了命令：请确认它已开机且不忙（菜单未打开、没有其他控制器在用），然后再次运行自检。',
  'The device did not answer in time: check its cable or network, then run the self-test again.': '设备没有及时响应：请检查线缆或网络，然后再次运行自检。',
  'The device was busy (warming up): run the self-test again in a minute.': '设备正忙（正在预热）：请一分钟后再次运行自检。',
  'The microphone hears nothing: check that it is connected, not muted on the device itself, and that its gain is up.':
    '麦克风没有拾到声音：请检查它已连接、设备本身未静音且增益已调高。',
  'The meeting service answers': '会议服务可连接',
  "The call's browser starts": '通话浏览器可启动',
  "The meeting service's server did not answer from the room: check the room's internet access and firewall (HTTPS to the service). Meanwhile people join with the link or dial-in from their own devices.":
    '会议室连接不上会议服务的服务器：请检查会议室的网络和防火墙（到该服务的 HTTPS）。在此期间，请大家用会议链接或拨入方式在自己的设备上入会。',
  "The call's browser did not start: check calls.browser.executable in the room's config, and that the browser is installed (Debian: apt install chromium).":
    '通话浏览器无法启动：请检查会议室配置中的 calls.browser.executable，并确认已安装浏览器（Debian：apt install chromium）。',
  'No level above {above} dB in {s} s; no level at all': '{s} 秒内没有高于 {above} dB 的电平；完全没有电平',
  'No level above {above} dB in {s} s; the loudest {peak} dB': '{s} 秒内没有高于 {above} dB 的电平；最高 {peak} dB',
  'Run the self-test again; if it fails the same way, give the detail above to whoever installed the room.':
    '请再次运行自检；如果仍以同样方式失败，请把上面的详情交给会议室的安装人员。',
  Offline: '离线',
  'Offline: {said}': '离线：{said}',
  'Offline (the room: {note})': '离线（会议室说明：{note}）',
  'Login refused': '登录被拒绝',
  'Login refused: {said}': '登录被拒绝：{said}',
  'Login refused (the room: {note})': '登录被拒绝（会议室说明：{note}）',
  'Config error': '配置错误',
  'Config error: {said}': '配置错误：{said}',
  'Config error (the room: {note})': '配置错误（会议室说明：{note}）',
  'Not answering yet': '尚未应答',
  'Not answering yet: {said}': '尚未应答：{said}',
  'Not answering yet (the room: {note})': '尚未应答（会议室说明：{note}）',
  // The room's own notes on a device's status (ROOM_DEVICE_NOTES).
  'restarted from the admin view': '已从管理界面重启',
  'No answer within {s} s': '{s} 秒内没有应答',
};
