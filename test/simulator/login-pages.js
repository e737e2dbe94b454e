'use strict';

// The HTML login pages that stand in front of both servers.

// What a single sign-on proxy or an expired session typically returns instead of data.
const LOGIN_PAGE = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Log in</title></head>
<body>
<h1>Please log in</h1>
<form method="post" action="/j_security_check">
  <label>User <input type="text" name="j_username"></label>
  <label>Password <input type="password" name="j_password"></label>
  <button type="submit">Log in</button>
</form>
</body>
</html>
`;

// What an application server with form login answers for {prefix}/login.html.
const FORM_LOGIN_PAGE = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Login</title></head>
<body>
<h1>Log in to the application server</h1>
<form action="j_security_check" method="post">
  <label>User ID <input type="text" name="j_username"></label>
  <label>Password <input type="password" name="j_password"></label>
  <input type="submit" value="Log in">
</form>
</body>
</html>
`;

module.exports = { LOGIN_PAGE, FORM_LOGIN_PAGE };
