console.log("native stub")
